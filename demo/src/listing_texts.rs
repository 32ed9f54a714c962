//! What entrepreneurs sold on the marketplace: products and services in Spanish and
//! Portuguese, with a category and a plausible price range in euros.

/// (category, kind, Spanish title, Spanish description, Portuguese title, Portuguese
/// description, lowest price, highest price).
pub(crate) type Offer = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    u32,
);

#[rustfmt::skip]
pub(crate) const OFFERS: &[Offer] = &[
    ("crafts", "product", "Cesta de mimbre hecha a mano", "Cesta tradicional de mimbre del Condado, hecha a mano.", "Cesto de vime feito à mão", "Cesto tradicional de vime, feito à mão no Algarve.", 18, 45),
    ("crafts", "product", "Bolso de corcho", "Bolso ligero de corcho natural, resistente al agua.", "Mala de cortiça", "Mala leve de cortiça natural, resistente à água.", 25, 70),
    ("crafts", "product", "Cerámica pintada a mano", "Platos y cuencos de cerámica pintados a mano.", "Cerâmica pintada à mão", "Pratos e taças de cerâmica pintados à mão.", 12, 60),
    ("food", "product", "Fresas de Huelva (caja de 2 kg)", "Fresas recién recogidas en Palos de la Frontera.", "Morangos de Huelva (caixa de 2 kg)", "Morangos acabados de colher em Palos de la Frontera.", 6, 14),
    ("food", "product", "Vino del Condado de Huelva", "Vino blanco joven con denominación de origen Condado de Huelva.", "Vinho do Condado de Huelva", "Vinho branco jovem com denominação de origem Condado de Huelva.", 5, 18),
    ("food", "product", "Flor de sal de la Ría Formosa", "Flor de sal recogida a mano en las salinas del Algarve.", "Flor de sal da Ria Formosa", "Flor de sal apanhada à mão nas salinas do Algarve.", 4, 12),
    ("food", "product", "Empanadas caseras", "Empanadas al estilo colombiano, por encargo.", "Empadas caseiras", "Empadas ao estilo brasileiro, por encomenda.", 8, 25),
    ("food", "product", "Aceite de oliva virgen extra", "Aceite de oliva virgen extra de cosecha propia.", "Azeite virgem extra", "Azeite virgem extra de produção própria.", 8, 30),
    ("fashion", "service", "Arreglos de ropa", "Arreglos y composturas de ropa con recogida a domicilio.", "Arranjos de roupa", "Arranjos e consertos de roupa com recolha ao domicílio.", 5, 40),
    ("fashion", "product", "Vestido de flamenca a medida", "Trajes de flamenca confeccionados a medida.", "Vestido de flamenca por medida", "Trajes de flamenca feitos por medida.", 150, 450),
    ("beauty", "product", "Jabón natural artesanal", "Jabones de aceite de oliva y plantas aromáticas.", "Sabonete natural artesanal", "Sabonetes de azeite e plantas aromáticas.", 4, 12),
    ("beauty", "service", "Peluquería a domicilio", "Cortes y peinados en tu casa, con cita previa.", "Cabeleireiro ao domicílio", "Cortes e penteados em sua casa, com marcação.", 12, 45),
    ("tourism", "service", "Ruta guiada por el Condado", "Visita guiada a bodegas y pueblos del Condado de Huelva.", "Visita guiada ao Condado", "Visita guiada a adegas e aldeias do Condado de Huelva.", 20, 60),
    ("tourism", "service", "Paseo en barco por la Ría Formosa", "Excursión en barco por las islas de la Ría Formosa.", "Passeio de barco na Ria Formosa", "Passeio de barco pelas ilhas da Ria Formosa.", 15, 50),
    ("tourism", "service", "Alojamiento rural en Lepe", "Casa rural para cuatro personas cerca de la playa.", "Alojamento local em Tavira", "Casa para quatro pessoas perto da praia.", 60, 140),
    ("professional-services", "service", "Traducción español-portugués", "Traducciones de documentos comerciales y webs.", "Tradução espanhol-português", "Traduções de documentos comerciais e sites.", 20, 200),
    ("professional-services", "service", "Asesoría fiscal para autónomos", "Declaraciones trimestrales y alta de autónomos.", "Contabilidade para independentes", "Declarações trimestrais e início de atividade.", 30, 120),
    ("professional-services", "service", "Clases de español para extranjeros", "Clases particulares de español, presenciales u online.", "Aulas de português para estrangeiros", "Aulas particulares de português, presenciais ou online.", 12, 30),
    ("it-services", "service", "Diseño de tienda online", "Creamos tu tienda online lista para vender.", "Criação de loja online", "Criamos a sua loja online pronta a vender.", 300, 1500),
    ("it-services", "service", "Gestión de redes sociales", "Gestión mensual de Facebook, Twitter e Instagram.", "Gestão de redes sociais", "Gestão mensal de Facebook, Twitter e Instagram.", 90, 400),
    ("it-services", "service", "Reparación de ordenadores", "Reparación y mantenimiento de ordenadores y móviles.", "Reparação de computadores", "Reparação e manutenção de computadores e telemóveis.", 20, 90),
    ("home", "service", "Cuidado de personas mayores", "Acompañamiento y cuidado de personas mayores por horas.", "Cuidado de idosos", "Acompanhamento e cuidado de idosos à hora.", 9, 15),
    ("home", "service", "Limpieza de hogares", "Limpieza de casas y apartamentos turísticos.", "Limpeza de casas", "Limpeza de casas e alojamentos locais.", 10, 80),
    ("home", "product", "Muebles de palé reciclado", "Muebles de jardín hechos con palés reciclados.", "Móveis de palete reciclada", "Móveis de jardim feitos com paletes recicladas.", 40, 220),
    ("agriculture", "product", "Cesta de verduras ecológicas", "Verduras ecológicas de temporada, a domicilio.", "Cabaz de legumes biológicos", "Legumes biológicos da época, ao domicílio.", 12, 30),
];
